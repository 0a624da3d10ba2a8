/** The doctor's report as Markdown (the editor and `hubmon diagnose` show the same text). */
import type { DoctorReport, DoctorVerdict } from './types';

const MARK: Record<DoctorVerdict, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', skip: '⏭ skip', info: 'ℹ️ info' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function summaryLine(report: DoctorReport): string {
  const f = report.firstFailure;
  if (!f) return 'Every step passed: the connection works.';
  return `First failing step: ${f.title}: ${f.cause ?? f.detail}. ${f.fix ?? ''}`.trim();
}

export function formatReportMarkdown(report: DoctorReport): string {
  const lines = [
    `# Hub Monitor connection report`,
    '',
    `Profile: **${cell(report.profileName)}** — ${report.startedAt.toISOString()}`,
    '',
    `**${cell(summaryLine(report))}**`,
    '',
    '| # | step | verdict | time | what was seen | cause → what to do |',
    '| - | ---- | ------- | ---- | ------------- | ------------------ |',
  ];
  report.steps.forEach((s, i) => {
    const advice = s.cause ? `${s.cause} → ${s.fix ?? ''}` : '';
    lines.push(`| ${i + 1} | ${cell(s.title)} | ${MARK[s.verdict]} | ${s.ms > 0 ? `${s.ms.toFixed(0)} ms` : ''} | ${cell(s.detail)} | ${cell(advice)} |`);
  });
  lines.push('', 'Secrets are redacted from this report: it is safe to share.');
  return lines.join('\n') + '\n';
}
