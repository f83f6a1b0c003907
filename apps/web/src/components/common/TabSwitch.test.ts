import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import TabSwitch from './TabSwitch.vue';

const Host = defineComponent({
  setup() {
    const active = ref<'owner' | 'staff'>('owner');
    return () =>
      h('div', [
        h(TabSwitch<'owner' | 'staff'>, {
          modelValue: active.value,
          'onUpdate:modelValue': (v: 'owner' | 'staff') => (active.value = v),
          tabs: [
            { key: 'owner', label: '业主登录' },
            { key: 'staff', label: '工作人员登录' },
          ],
          label: '登录',
          idPrefix: 'login',
        }),
        h('p', { id: 'active' }, active.value),
      ]);
  },
});

describe('TabSwitch', () => {
  it('keeps only the active tab in the tab order and moves with the arrow keys', async () => {
    const w = mount(Host, { attachTo: document.body });
    const owner = () => w.get('[data-testid="login-tab-owner"]');
    const staff = () => w.get('[data-testid="login-tab-staff"]');
    expect(w.get('[role="tablist"]').attributes('aria-label')).toBe('登录');
    expect(owner().attributes('aria-selected')).toBe('true');
    expect(owner().attributes('tabindex')).toBe('0');
    expect(staff().attributes('tabindex')).toBe('-1');
    expect(staff().attributes('aria-controls')).toBe('login-panel-staff');

    await owner().trigger('keydown', { key: 'ArrowRight' });
    expect(w.get('#active').text()).toBe('staff');
    expect(staff().attributes('aria-selected')).toBe('true');
    expect(document.activeElement?.id).toBe('login-tab-staff');

    await staff().trigger('keydown', { key: 'ArrowRight' }); // wraps around
    expect(w.get('#active').text()).toBe('owner');
    await owner().trigger('keydown', { key: 'End' });
    expect(w.get('#active').text()).toBe('staff');
    await staff().trigger('click');
    expect(w.get('#active').text()).toBe('staff');
    await owner().trigger('click');
    expect(w.get('#active').text()).toBe('owner');
    w.unmount();
  });
});
