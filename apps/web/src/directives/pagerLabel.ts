import type { Directive } from 'vue';

export interface PagerLabels {
  size: string;
  jump: string;
}

function apply(el: HTMLElement, labels: PagerLabels) {
  for (const input of el.querySelectorAll<HTMLInputElement>('.el-pagination__sizes input')) input.setAttribute('aria-label', labels.size);
  for (const input of el.querySelectorAll<HTMLInputElement>('.el-pagination__jump input')) input.setAttribute('aria-label', labels.jump);
}

/**
 * el-pagination's page-size select and page-jump box have no accessible name; this directive
 * gives them one: `<el-pagination v-pager-label="{ size: t('common.pageSize'), jump: t('common.goToPage') }" …>`.
 */
export const vPagerLabel: Directive<HTMLElement, PagerLabels> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
};
