import { useI18n } from 'vue-i18n'

/**
 * Display names for codes the server sends (roles, permissions, platforms, audit actions, catalog states,
 * order states, payment providers, ledger types). A code the admin has no label for yet is shown as
 * it is rather than as a missing-key path.
 */
export function useLabels() {
  const { t, te } = useI18n()
  const label = (key: string, fallback: string) => (te(key) ? t(key) : fallback)

  return {
    roleLabel: (role: string) => label(`role.${role}`, role),
    permissionLabel: (permission: string) => label(`permission.${permission}`, permission),
    platformLabel: (platform: string | null) => (platform ? label(`platform.${platform}`, platform) : '—'),
    actorTypeLabel: (type: string) => label(`audit.actorTypes.${type}`, type),
    actionLabel: (action: string) => label(`audit.actions.${action}`, action),
    dramaStateLabel: (state: string) => label(`catalog.dramaStates.${state}`, state),
    episodeStateLabel: (state: string) => label(`catalog.episodeStates.${state}`, state),
    dramaStatusLabel: (status: string) => label(`catalog.statuses.${status}`, status),
    orderStateLabel: (state: string) => label(`orders.states.${state}`, state),
    providerLabel: (provider: string) => label(`orders.providers.${provider}`, provider),
    orderKindLabel: (kind: string) => label(`orders.kinds.${kind}`, kind),
    ledgerTypeLabel: (type: string) => label(`finance.ledgerTypes.${type}`, type),
    coinAccountLabel: (account: string) => label(`finance.accounts.${account}`, account),
    referenceTypeLabel: (type: string) => label(`finance.referenceTypes.${type}`, type),
  }
}
