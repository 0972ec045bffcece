import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref, withDirectives } from 'vue'
import { createPermDirective, type PermValue } from '@/directives/perm'

describe('v-perm', () => {
  it('hides elements whose permissions the admin lacks and shows them when granted', async () => {
    const granted = ref(new Set(['catalog.manage']))
    const perm = createPermDirective((required) => required.every((p) => granted.value.has(p)))
    const tick = ref(0)
    const bindings: [string, PermValue][] = [
      ['single-ok', 'catalog.manage'],
      ['single-no', 'finance.manage'],
      ['all-of', ['catalog.manage', 'finance.manage']],
    ]
    const Host = defineComponent({
      setup: () => () =>
        h(
          'div',
          { 'data-tick': tick.value },
          bindings.map(([id, value]) =>
            withDirectives(h('button', { id, style: { display: 'inline-flex' } }), [[perm, value]]),
          ),
        ),
    })
    const root = document.createElement('div')
    document.body.append(root)
    const app = createApp(Host)
    app.mount(root)

    const display = (id: string) => (root.querySelector(`#${id}`) as HTMLElement).style.display
    expect(display('single-ok')).toBe('inline-flex')
    expect(display('single-no')).toBe('none')
    expect(display('all-of')).toBe('none')

    granted.value = new Set(['catalog.manage', 'finance.manage'])
    tick.value++
    await nextTick()
    expect(display('single-no')).toBe('inline-flex')
    expect(display('all-of')).toBe('inline-flex')
    app.unmount()
  })
})
