// Artifacts: types, per-type validation and normalisation, merging, and the shared input limits.
export * from './limits.ts';
export * from './types.ts';
export { validateArtifact } from './validate.ts';
export { artifactKey, mergeArtifacts, validateArtifactList, type ArtifactListResult, type ArtifactRowError } from './merge.ts';
export { refang } from './network.ts';
