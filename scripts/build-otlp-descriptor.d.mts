// Types of scripts/build-otlp-descriptor.mjs, for the test that holds the descriptor to proto/.
export declare const descriptorFile: string;
export declare function otlpDescriptorText(): string;
