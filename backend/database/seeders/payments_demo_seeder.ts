import { BaseSeeder } from '@adonisjs/lucid/seeders'
import RechargePackage from '#modules/payments/models/recharge_package'

/** Demo recharge packages for development and browser tests, offered on every platform. */
const PACKAGES = [
  {
    name: '600金币',
    priceFen: 600,
    coins: 600,
    bonusCoins: 0,
    firstRechargeBonus: 300,
    badge: '首充翻倍',
    sort: 0,
  },
  {
    name: '1800金币',
    priceFen: 1800,
    coins: 1800,
    bonusCoins: 200,
    firstRechargeBonus: 0,
    badge: null,
    sort: 1,
  },
  {
    name: '5000金币',
    priceFen: 4800,
    coins: 5000,
    bonusCoins: 1000,
    firstRechargeBonus: 0,
    badge: '超值',
    sort: 2,
  },
]

export default class PaymentsDemoSeeder extends BaseSeeder {
  static override environment = ['development', 'test']

  override async run() {
    for (const p of PACKAGES) {
      if (await RechargePackage.findBy('name', p.name)) continue
      await RechargePackage.create({
        ...p,
        bonusExpiresDays: 30,
        platforms: ['app-android', 'app-ios', 'h5', 'mp-weixin'],
        isActive: true,
      })
    }
  }
}
