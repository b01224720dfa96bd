export * from "./app-state";
export * from "./issues";
export * from "./keys";
export * from "./logs";
export * from "./projects";
export * from "./sdk-health";
export * from "./sourcemaps";
export * from "./users";
