// Size limits of what an analyst types into a case (notes, artifacts), defined once for the server, the web UI and the domain modules.

/** The Analyst Note and the Close Alert note: at most this many characters (UTF-16 code units, as a textarea's `maxlength` counts). */
export const NOTE_MAX_LENGTH = 3000;
/** One artifact's comment. */
export const ARTIFACT_COMMENT_MAX_LENGTH = 500;
/** One artifact's value as typed (URLs are the long ones). */
export const ARTIFACT_VALUE_MAX_LENGTH = 2048;
/** Artifacts in one Add Artifacts answer, after duplicates are merged. */
export const MAX_ARTIFACTS = 100;
/** File Name artifacts: the NTFS/ext4 component limit. */
export const FILE_NAME_MAX_LENGTH = 255;
/** Username artifacts, domain part included. */
export const USERNAME_MAX_LENGTH = 256;

/** The same limits as one object, for serialising to the web client. */
export const SOC_LIMITS = {
  noteMaxLength: NOTE_MAX_LENGTH,
  artifactCommentMaxLength: ARTIFACT_COMMENT_MAX_LENGTH,
  artifactValueMaxLength: ARTIFACT_VALUE_MAX_LENGTH,
  maxArtifacts: MAX_ARTIFACTS,
  fileNameMaxLength: FILE_NAME_MAX_LENGTH,
  usernameMaxLength: USERNAME_MAX_LENGTH,
} as const;
