import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { i18n } from './i18n'
import { makeRouter } from './router'

document.documentElement.lang = i18n.global.locale.value

createApp(App).use(i18n).use(makeRouter()).use(ElementPlus, { size: 'small' }).mount('#app')
