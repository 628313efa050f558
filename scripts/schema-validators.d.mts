export const VALIDATORS: { schema: string; generated: string }[];
export function validatorSource(schemaFile: string): string;
