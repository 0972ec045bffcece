/** Cache keys of the media module. */
export const mediaKeys = {
  /** What playback needs of an episode's live output (ladder, prefix, key). */
  playable: (episodeId: number) => `media:playable:${episodeId}`,
}
