import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { i18n } from '../../i18n';
import { ELDERLY_CLASS, ELDERLY_KEY } from '../../helpers/preferences';
import ElderlyToggle from './ElderlyToggle.vue';

function mountToggle() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ElderlyToggle, { global: { plugins: [pinia, i18n] }, attachTo: document.body });
}

describe('ElderlyToggle', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = '';
  });

  it('switches the elderly class on <html>, announces its state and remembers it', async () => {
    const w = mountToggle();
    const button = w.get('[data-testid="elderly-toggle"]');
    expect(button.attributes('aria-pressed')).toBe('false');
    expect(button.attributes('aria-label')).toContain('适老模式');
    expect(document.documentElement.classList.contains(ELDERLY_CLASS)).toBe(false);

    await button.trigger('click');
    expect(button.attributes('aria-pressed')).toBe('true');
    expect(document.documentElement.classList.contains(ELDERLY_CLASS)).toBe(true);
    expect(localStorage.getItem(ELDERLY_KEY)).toBe('1');

    await button.trigger('click');
    expect(document.documentElement.classList.contains(ELDERLY_CLASS)).toBe(false);
    expect(localStorage.getItem(ELDERLY_KEY)).toBe('0');
    w.unmount();
  });

  it('starts in elderly mode when it was chosen before', () => {
    localStorage.setItem(ELDERLY_KEY, '1');
    const w = mountToggle();
    expect(document.documentElement.classList.contains(ELDERLY_CLASS)).toBe(true);
    expect(w.get('button').attributes('aria-pressed')).toBe('true');
    w.unmount();
  });
});
