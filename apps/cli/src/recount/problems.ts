import type { BallotChainFailure, Issue } from '@gongzhi/core';

/** Every problem of an invalid bundle, one per line, with its JSON path (exit 2). */
export function renderIssues(file: string, issues: readonly Issue[]): string {
  const lines = [
    `gongzhi recount: ${file}: 表决数据包无效，未计票（${issues.length} 个问题）`,
    `gongzhi recount: ${file}: the ballot bundle is invalid; nothing was counted (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
  ];
  for (const issue of issues) lines.push(`  ${issue.path}  ${issue.code}  ${issue.message_zh} / ${issue.message_en}`);
  return `${lines.join('\n')}\n`;
}

/** The first place the hash chain breaks (exit 3). */
export function renderChainFailure(file: string, failure: BallotChainFailure): string {
  const head = `gongzhi recount: ${file}:`;
  switch (failure.kind) {
    case 'hash_mismatch':
      return [
        `${head} 哈希链在第 ${failure.seq} 号选票处断裂（$.ballots[${failure.index}]，seq ${failure.seq}，index ${failure.index}）：选票在哈希后被改动或顺序被打乱`,
        `${head} hash chain broken at ballot seq ${failure.seq} (index ${failure.index}, $.ballots[${failure.index}]): the ballot was changed after hashing, or ballots were reordered`,
        `  记录的哈希 stored:   ${failure.stored}`,
        `  重算的哈希 computed: ${failure.computed}`,
        '',
      ].join('\n');
    case 'chain_head_mismatch':
      return [
        `${head} chainHead 与最后一张选票的哈希不符（$.chainHead）：数据包被截断或链头被改动`,
        `${head} chainHead does not match the last ballot's hash ($.chainHead): the bundle was truncated or its head changed`,
        `  chainHead:            ${failure.declared}`,
        `  重算的链头 computed:  ${failure.computed}`,
        '',
      ].join('\n');
    case 'expected_head_mismatch':
      return [
        `${head} 链头与公示的链头（--expect-head）不符`,
        `${head} the chain head differs from the published head (--expect-head)`,
        `  公示 expected:  ${failure.expected}`,
        `  重算 computed:  ${failure.computed}`,
        '',
      ].join('\n');
  }
}
