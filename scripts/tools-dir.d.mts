export const TOOLS_DIR: string;
