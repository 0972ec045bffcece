import 'element-plus/dist/index.css'
import { createAdminApp } from './bootstrap'

const { app, router } = await createAdminApp()
await router.isReady()
app.mount('#app')
