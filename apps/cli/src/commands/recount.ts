import { NATIONAL_PROFILE, recountBundle } from '@gongzhi/core';
import { type CliIO, type Command, EXIT } from '../io';
import { parseRecountArgs } from '../recount/args';
import { renderChainFailure, renderIssues } from '../recount/problems';
import { readBundleFile } from '../recount/read-bundle';
import { renderReport } from '../recount/report';

const USAGE = `用法 Usage: gongzhi recount FILE [--json] [--expect-head HASH]

独立复核表决数据包（gongzhi.ballot-bundle/1）：校验、验证哈希链、按全国规则（民法典第278条）计票。
Validates, verifies and counts a ballot bundle (gongzhi.ballot-bundle/1) under the national rules (Civil Code art. 278).

  --json              输出一个 JSON 对象（gongzhi.recount/1） print one JSON object (gongzhi.recount/1)
  --expect-head HASH  核对公示的链头 check the chain ends at the published head

退出码 Exit codes: 0 有效并已计票 valid and counted · 2 数据包无效或用法错误 invalid bundle or bad usage · 3 哈希链断裂或链头不符 broken chain or head mismatch`;

/** gongzhi recount — shared/spec/ballot-bundle.md, exactly. */
export const recount: Command = {
  name: 'recount',
  summary: '独立复核表决数据包 recount a ballot bundle',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseRecountArgs(args);
    if (!parsed.ok) {
      io.err(`gongzhi recount: ${parsed.message_zh} / ${parsed.message_en}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const read = await readBundleFile(parsed.file, io.cwd);
    if (!read.ok) {
      io.err(renderIssues(parsed.file, [read.issue]));
      return EXIT.usage;
    }
    const outcome = recountBundle(read.json, NATIONAL_PROFILE, { expectHead: parsed.expectHead });
    switch (outcome.status) {
      case 'invalid':
        io.err(renderIssues(parsed.file, outcome.issues));
        return EXIT.usage;
      case 'chain_broken':
        io.err(renderChainFailure(parsed.file, outcome.failure));
        return EXIT.integrity;
      case 'counted':
        io.out(parsed.json ? `${JSON.stringify(outcome.json)}\n` : renderReport(outcome.bundle, outcome.count, NATIONAL_PROFILE));
        return EXIT.ok;
    }
  },
};
