/** Job names of the media module (dispatch by name; handlers live in media/jobs). */
export const TRANSCODE_JOB = 'media.transcode_episode'
export const DETECT_INTRO_OUTRO_JOB = 'media.detect_intro_outro'
export const CLEANUP_UPLOADS_JOB = 'media.cleanup_uploads'
export const REQUEUE_STALLED_JOB = 'media.requeue_stalled'
