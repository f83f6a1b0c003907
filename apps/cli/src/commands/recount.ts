import type { Command } from '../io';

// Replaced by the legal-core work (issue 3).
export const recount: Command = {
  name: 'recount',
  summary: '独立复核表决数据包 recount a ballot bundle',
  usage: 'gongzhi recount FILE [--json] [--expect-head HASH]',
  run() {
    throw new Error('recount: not implemented yet');
  },
};
