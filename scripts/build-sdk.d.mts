// Types of scripts/build-sdk.mjs, for the tests that build the SDK themselves.
export declare function buildScriptTag(): Promise<Uint8Array>;
export declare function buildTypes(): string;
export declare function buildSdk(): Promise<{ scriptTagGzipBytes: number }>;
export declare const sdkCompilerOptions: import("typescript").CompilerOptions;
