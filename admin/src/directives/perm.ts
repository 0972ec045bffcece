import type { Directive, DirectiveBinding } from 'vue'

export type PermValue = string | readonly string[]

const originalDisplay = new WeakMap<HTMLElement, string>()

/**
 * `v-perm="'catalog.manage'"` (or a list, all required) hides the element from admins without the permission.
 * Hiding is a convenience: the API enforces every permission on its side.
 */
export function createPermDirective(
  hasPermission: (required: readonly string[]) => boolean,
): Directive<HTMLElement, PermValue> {
  const apply = (el: HTMLElement, binding: DirectiveBinding<PermValue>) => {
    if (!originalDisplay.has(el)) originalDisplay.set(el, el.style.display)
    const required = typeof binding.value === 'string' ? [binding.value] : binding.value
    el.style.display = hasPermission(required) ? (originalDisplay.get(el) ?? '') : 'none'
  }
  return { mounted: apply, updated: apply }
}

declare module 'vue' {
  interface GlobalDirectives {
    vPerm: Directive<HTMLElement, PermValue>
  }
}
