import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '../../i18n';
import type { MotionViewT } from '../../api/types';
import BallotForm from './BallotForm.vue';

const motions: MotionViewT[] = [
  { id: 'm1', number: 1, kind: 'resolution', title: '维修 3 号楼电梯', description: '使用维修资金', matter: 'fund_use', threshold: 'majority', scope: null, seats: null, candidates: [] },
  {
    id: 'm2',
    number: 2,
    kind: 'election',
    title: '选举业主委员会委员',
    description: '',
    matter: 'committee_election',
    threshold: 'majority',
    scope: null,
    seats: 2,
    candidates: [
      { id: 'c1', name: '张三', statement: '退休教师' },
      { id: 'c2', name: '李四', statement: '' },
      { id: 'c3', name: '王五', statement: '' },
    ],
  },
];

const mountForm = (props: Record<string, unknown> = {}) => mount(BallotForm, { props: { motions, ...props }, global: { plugins: [i18n] }, attachTo: document.body });

describe('BallotForm', () => {
  it('renders every motion with radio choices and candidate checkboxes', () => {
    const w = mountForm();
    expect(w.text()).toContain('维修 3 号楼电梯');
    expect(w.text()).toContain('双过半');
    for (const c of ['approve', 'reject', 'abstain']) {
      const input = w.get(`[data-testid="vote-choice-m1-${c}"]`);
      expect(input.attributes('type')).toBe('radio');
      expect(input.attributes('name')).toBe('vote-m1');
    }
    expect(w.get('[data-testid="vote-choice-m1-approve"]').element.closest('label')?.textContent).toContain('同意');
    expect(w.findAll('input[type="checkbox"]')).toHaveLength(3);
    expect(w.text()).toContain('退休教师');
    w.unmount();
  });

  it('refuses a tick beyond the seats and says why', async () => {
    const w = mountForm();
    await w.get('[data-testid="vote-candidate-m2-c1"]').setValue(true);
    await w.get('[data-testid="vote-candidate-m2-c2"]').setValue(true);
    const third = w.get('[data-testid="vote-candidate-m2-c3"]');
    await third.setValue(true);
    expect((third.element as HTMLInputElement).checked).toBe(false);
    expect(w.get('[data-testid="vote-seats-limit-m2"]').text()).toContain('最多只能选 2 人');
    expect(w.text()).toContain('已选 2 人，最多 2 人');
    // unticking one frees a place
    await w.get('[data-testid="vote-candidate-m2-c1"]').setValue(false);
    await third.setValue(true);
    expect((third.element as HTMLInputElement).checked).toBe(true);
    w.unmount();
  });

  it('asks for a missing choice before the confirmation screen', async () => {
    const w = mountForm();
    await w.get('[data-testid="vote-submit"]').trigger('click');
    expect(w.find('[data-testid="vote-confirm"]').exists()).toBe(false);
    expect(w.get('[role="alert"]').text()).toContain('请选择同意、反对或弃权');
    expect(w.emitted('submit')).toBeUndefined();
    w.unmount();
  });

  it('summarises the choices, warns that they are final, and emits the answers on confirm', async () => {
    const w = mountForm();
    await w.get('[data-testid="vote-choice-m1-reject"]').setValue(true);
    await w.get('[data-testid="vote-candidate-m2-c3"]').setValue(true);
    await w.get('[data-testid="vote-submit"]').trigger('click');
    expect(w.text()).toContain('提交后不能修改');
    expect(w.get('[data-testid="vote-summary-m1"]').text()).toBe('反对');
    expect(w.get('[data-testid="vote-summary-m2"]').text()).toBe('王五');
    // back keeps the answers
    await w.get('[data-testid="vote-back"]').trigger('click');
    expect((w.get('[data-testid="vote-choice-m1-reject"]').element as HTMLInputElement).checked).toBe(true);
    await w.get('[data-testid="vote-submit"]').trigger('click');
    await w.get('[data-testid="vote-confirm"]').trigger('click');
    expect(w.emitted('submit')).toEqual([
      [
        [
          { motionId: 'm1', choice: 'reject' },
          { motionId: 'm2', approve: ['c3'] },
        ],
      ],
    ]);
    w.unmount();
  });

  it('shows one motion per screen when stepped (elderly mode) and a blank election ballot is allowed', async () => {
    const w = mountForm({ stepped: true });
    expect(w.text()).toContain('第 1 项，共 2 项');
    expect(w.find('[data-testid="vote-motion-m2"]').exists()).toBe(false);
    await w.get('[data-testid="vote-next"]').trigger('click');
    expect(w.find('[data-testid="vote-motion-m2"]').exists()).toBe(false); // no choice yet
    await w.get('[data-testid="vote-choice-m1-abstain"]').setValue(true);
    await w.get('[data-testid="vote-next"]').trigger('click');
    expect(w.find('[data-testid="vote-motion-m1"]').exists()).toBe(false);
    expect(w.find('[data-testid="vote-motion-m2"]').exists()).toBe(true);
    await w.get('[data-testid="vote-submit"]').trigger('click');
    expect(w.get('[data-testid="vote-summary-m2"]').text()).toContain('空白票');
    await w.get('[data-testid="vote-confirm"]').trigger('click');
    expect(w.emitted('submit')?.[0]?.[0]).toEqual([
      { motionId: 'm1', choice: 'abstain' },
      { motionId: 'm2', approve: [] },
    ]);
    w.unmount();
  });
});
