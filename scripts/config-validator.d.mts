export const SCHEMA: string;
export const GENERATED: string;
export function configValidatorSource(): string;
