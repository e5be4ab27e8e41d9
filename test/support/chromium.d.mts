/** Types of chromium.mjs for the TypeScript callers (the project compiles no JavaScript). */
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] };
