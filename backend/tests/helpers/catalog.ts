import Category from '#modules/catalog/models/category'
import Drama from '#modules/catalog/models/drama'
import Episode from '#modules/catalog/models/episode'
import { EpisodeAdminService } from '#modules/catalog/services/episode_admin_service'

let seq = 0
export const uid = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

export async function makeCategory(name = `分类${uid()}`) {
  return Category.create({ name, slug: `c-${uid()}`, sort: 0, isActive: true })
}

/** Walks an episode through the media and review steps the way those modules will. */
export async function makeReady(episodeId: number) {
  const service = new EpisodeAdminService()
  for (const to of ['processing', 'reviewing', 'ready'] as const)
    await service.transition(episodeId, to)
}

/** A published drama with `count` published episodes, straight through the models. */
export async function publishedDrama(fields: Partial<Drama> = {}, count = 12) {
  const drama = await Drama.create({
    title: `剧${uid()}`,
    synopsis: '简介',
    tags: [],
    cast: [],
    language: 'zh',
    status: 'ongoing',
    plannedEpisodes: count,
    freeEpisodes: 5,
    episodePriceCoins: 60,
    state: 'published',
    publishedAt: (await import('luxon')).DateTime.utc(),
    ...fields,
  })
  for (let n = 1; n <= count; n++) {
    await Episode.create({
      dramaId: drama.id,
      number: n,
      title: `第${n}集`,
      durationSec: 90,
      state: 'published',
    })
  }
  return drama
}
