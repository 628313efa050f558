export function namesTheAnalyzerReads(dir?: string): Set<string>;
export function slimTypeScript(source: string, names: Set<string>): Promise<string>;
export function toModule(source: string, names: Set<string>): { header: string; module: string };
