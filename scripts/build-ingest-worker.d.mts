// Types of scripts/build-ingest-worker.mjs, for the test that builds the bundle itself.
export declare const ingestWorkerFile: string;
export declare function buildIngestWorker(distDir?: string): Promise<void>;
