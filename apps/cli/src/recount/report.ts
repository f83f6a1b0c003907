import {
  type Bundle,
  type BundleCount,
  type ElectionCount,
  type JurisdictionProfile,
  MATTER_LABELS,
  type MotionResult,
  type ResolutionCount,
  type Weight,
  approvalBounds,
  formatArea,
  formatBound,
  formatPercent,
  votingRulesOf,
} from '@gongzhi/core';

const RESULT_LABEL: { readonly [R in MotionResult]: string } = {
  passed: '通过 PASSED',
  failed: '未通过 FAILED',
  no_quorum: '参与人数不足，不成立 NO QUORUM',
};

const CHOICE_LABEL = { approve: '同意 approve', reject: '反对 reject', abstain: '弃权 abstain', invalid: '废票 invalid' } as const;

function weightLine(weight: Weight, of?: Weight): string {
  const area = `${formatArea(weight.area)} m²`;
  const holders = `${weight.holders} 人 holders`;
  if (!of) return `${area} · ${holders}`;
  return `${area} (${formatPercent(weight.area, of.area)}%) · ${holders} (${formatPercent(weight.holders, of.holders)}%)`;
}

/** The readable bilingual report of a successful recount (exit 0 without --json). */
export function renderReport(bundle: Bundle, count: BundleCount, profile: JurisdictionProfile): string {
  const rules = votingRulesOf(profile);
  const out: string[] = [
    '共治 Gongzhi — 表决独立复核 Independent recount',
    `小区 Estate: ${bundle.estate.name} (${bundle.estate.id})`,
    `哈希链 Hash chain: 完整 intact · ${bundle.ballots.length} 张选票 ballots · 链头 head ${count.chainHead}`,
    `规则 Rules: ${profile.name.zh} ${profile.name.en} · 参与表决 quorum: 面积 area ${formatBound(rules.quorum.area)} 且 and 人数 holders ${formatBound(rules.quorum.holders)}`,
  ];
  count.motions.forEach((motion, i) => {
    const source = bundle.motions.find((m) => m.id === motion.id);
    out.push('', `━━ ${i + 1}. ${source?.title ?? motion.id} [${motion.id}] ━━`);
    if (source) {
      const label = MATTER_LABELS[source.matter];
      out.push(`事项 Matter: ${label.zh} / ${label.en} (民法典第278条第1款第${label.item}项 CC 278(1) item ${label.item})`);
    }
    const bounds = approvalBounds(motion.threshold, rules);
    const thresholdName = motion.threshold === 'majority' ? '双过半 majority' : '双四分之三 supermajority';
    out.push(
      `门槛 Threshold: ${thresholdName} — 同意面积 approving area ${formatBound(bounds.area)} 且 and 同意人数 approving holders ${formatBound(bounds.holders)}（占参与表决 of participants）`,
      `应参与 Eligible:      ${weightLine(motion.eligible)}`,
      `已参与 Participated:  ${weightLine(motion.participated, motion.eligible)}`,
      `参与表决 Quorum: ${motion.quorum ? '达到 met' : '未达到 not met'}`,
    );
    out.push(...(motion.kind === 'resolution' ? resolutionLines(motion) : electionLines(motion)));
    out.push(`结果 Result: ${RESULT_LABEL[motion.result]}`);
  });
  return `${out.join('\n')}\n`;
}

function resolutionLines(motion: ResolutionCount): string[] {
  return [
    '计票 Tally (占参与表决 share of participants):',
    ...(['approve', 'reject', 'abstain', 'invalid'] as const).map(
      (choice) => `  ${CHOICE_LABEL[choice]}:  ${weightLine(motion.tally[choice], motion.participated)}`,
    ),
  ];
}

function electionLines(motion: ElectionCount): string[] {
  const lines = ['候选人 Candidates (同意 approvals, 占参与表决 share of participants):'];
  for (const c of motion.candidates) {
    lines.push(`  ${c.id}:  ${weightLine(c.approve, motion.participated)}  ${c.qualified ? '✓ 达到门槛 qualified' : '✗ 未达门槛 not qualified'}`);
  }
  lines.push(
    `空白票 Blank: ${weightLine(motion.blank)} · 废票 Invalid: ${weightLine(motion.invalid)}`,
    `当选 Elected: ${motion.elected.length > 0 ? motion.elected.join(', ') : '无 none'}`,
    `需另行决选 Runoff: ${motion.runoff.length > 0 ? motion.runoff.join(', ') : '无 none'}`,
  );
  return lines;
}
