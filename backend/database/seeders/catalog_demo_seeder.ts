import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import Category from '#modules/catalog/models/category'
import Drama from '#modules/catalog/models/drama'
import Episode from '#modules/catalog/models/episode'

/**
 * Demo catalog for development and browser tests: categories and a few published dramas.
 * Their episodes have no video yet (the media pipeline generates demo videos); they exist so
 * the Theater, drama pages and admin tables have something to show.
 */
const CATEGORIES = [
  { name: '都市', nameEn: 'Urban', slug: 'urban' },
  { name: '古装', nameEn: 'Period', slug: 'period' },
  { name: '甜宠', nameEn: 'Romance', slug: 'romance' },
  { name: '逆袭', nameEn: 'Comeback', slug: 'comeback' },
  { name: '悬疑', nameEn: 'Mystery', slug: 'mystery' },
]

const DRAMAS = [
  {
    title: '闪婚后，总裁他每天都在装穷',
    synopsis: '为了给奶奶治病，林晚和一个"穷小子"闪婚，却发现丈夫竟是掌控半个城市的集团总裁。',
    tags: ['甜宠', '总裁', '闪婚'],
    cast: [
      { name: '林晚', role: '女主' },
      { name: '顾言深', role: '男主' },
    ],
    categories: ['urban', 'romance'],
    status: 'ongoing' as const,
    episodes: 24,
    freeEpisodes: 8,
    price: 60,
    rating: 91,
  },
  {
    title: '重生之嫡女归来',
    synopsis: '前世被庶妹陷害惨死，重生回到十五岁，她步步为营，誓要夺回属于自己的一切。',
    tags: ['重生', '宫斗', '复仇'],
    cast: [{ name: '沈清辞', role: '女主' }],
    categories: ['period', 'comeback'],
    status: 'completed' as const,
    episodes: 30,
    freeEpisodes: 10,
    price: 80,
    rating: 88,
  },
  {
    title: '深夜来电',
    synopsis: '每晚零点，一通来自十年前的电话，把刑警陈默拉回那桩从未破解的失踪案。',
    tags: ['悬疑', '刑侦'],
    cast: [{ name: '陈默', role: '男主' }],
    categories: ['mystery'],
    status: 'ongoing' as const,
    episodes: 16,
    freeEpisodes: 5,
    price: 100,
    rating: 85,
  },
]

export default class CatalogDemoSeeder extends BaseSeeder {
  static override environment = ['development', 'test']

  override async run() {
    const bySlug = new Map<string, Category>()
    for (const [sort, c] of CATEGORIES.entries()) {
      const category =
        (await Category.findBy('slug', c.slug)) ??
        (await Category.create({ ...c, sort, isActive: true }))
      bySlug.set(c.slug, category)
    }
    for (const d of DRAMAS) {
      if (await Drama.findBy('title', d.title)) continue
      const drama = await Drama.create({
        title: d.title,
        synopsis: d.synopsis,
        tags: d.tags,
        cast: d.cast,
        language: 'zh',
        region: '中国大陆',
        status: d.status,
        plannedEpisodes: d.episodes,
        freeEpisodes: d.freeEpisodes,
        episodePriceCoins: d.price,
        seriesPriceCoins: Math.round(d.price * d.episodes * 0.6),
        rating: d.rating,
        state: 'published',
        reviewedAt: DateTime.utc(),
        publishedAt: DateTime.utc(),
      })
      await drama.related('categories').attach(d.categories.map((slug) => bySlug.get(slug)!.id))
      for (let n = 1; n <= d.episodes; n++) {
        await Episode.create({
          dramaId: drama.id,
          number: n,
          title: `第${n}集`,
          durationSec: 90 + (n % 5) * 10,
          state: 'published',
          publishedAt: DateTime.utc(),
        })
      }
    }
  }
}
