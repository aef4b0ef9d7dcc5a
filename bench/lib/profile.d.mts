// Types of profile.mjs for the TypeScript figures.

export interface ProfileSummary {
  busyMs: number;
  top: { fn: string; where: string; selfMs: number; share: number }[];
}

export declare const cpuProfFlags: (dir: string) => string[];
export declare function summarizeProfiles(dir: string, limit?: number): ProfileSummary;
