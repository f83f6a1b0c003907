import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { i18n } from '../../i18n';
import { LOCALE_KEY } from '../../helpers/preferences';
import LanguageSwitch from './LanguageSwitch.vue';

describe('LanguageSwitch', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('toggles between zh-CN and English, sets <html lang> and remembers the choice', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const w = mount(LanguageSwitch, { global: { plugins: [pinia, i18n] } });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(w.text()).toContain('English');
    expect(w.get('button').attributes('aria-label')).toBe('切换语言 / Switch language');

    await w.get('button').trigger('click');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(localStorage.getItem(LOCALE_KEY)).toBe('en');
    expect(w.text()).toContain('中文');
    expect(w.get('[lang="zh-CN"]').text()).toBe('中文');

    await w.get('button').trigger('click');
    expect(document.documentElement.lang).toBe('zh-CN');
    w.unmount();
  });
});
