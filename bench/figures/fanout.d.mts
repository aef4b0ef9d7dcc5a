// Types of fanout.mjs for the TypeScript figures.
import type { Started } from '../lib/proc.mjs';

export declare function startBare(nodeFlags?: string[]): Promise<Started & { origin: string }>;
export declare function socketsAccepted(origin: string, cookie: string): Promise<boolean>;
export declare function fanoutFigures(ctx: unknown): Promise<void>;
