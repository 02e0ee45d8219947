/**
 * A Playwright reporter that shows the Lighthouse stage's progress while it runs: one line per
 * finished run without a terminal (CI logs), one line rewritten in place on a terminal. Listed
 * before `list` in playwright.config.ts, so the live line is cleared before `list` writes anything.
 * It reads only Playwright's step events (the runs are `test.step`s); it judges nothing.
 */
import type { FullConfig, Reporter, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { runContext } from '../../config/load.ts';
import { formatLabProgress, RUN_STEP } from './progress.ts';

const PROJECT = 'lighthouse';
const CLEAR_LINE = '\r\u001B[2K';

/** Progress of the Lighthouse project's tests; silent when the run has none. */
export default class LabProgressReporter implements Reporter {
  private pages = 0;
  private page = 0;
  private runInPage = 0;
  private formFactors = 1;
  private readonly finishedRunsMs: number[] = [];
  private liveLine = false;
  private readonly tty: boolean;
  private readonly write: (text: string) => void;

  /** `tty` and `write` are for tests; by default the runner's own stdout decides. */
  constructor(options: { tty?: boolean; write?: (text: string) => void } = {}) {
    this.tty = options.tty ?? Boolean(process.stdout.isTTY);
    this.write = options.write ?? ((text) => process.stdout.write(text));
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.pages = suite.allTests().filter(isLab).length;
    if (this.pages === 0) return;
    try {
      this.formFactors = runContext().budgets.lighthouse.formFactors.length;
    } catch {
      this.formFactors = 1; // the config loader already reported the problem
    }
  }

  onTestBegin(test: TestCase, result: TestResult): void {
    if (!isLab(test)) return;
    if (result.retry === 0) this.page += 1;
    this.runInPage = 0;
  }

  onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
    const match = isLab(test) ? RUN_STEP.exec(step.title) : null;
    if (!match) return;
    this.runInPage += 1;
    this.finishedRunsMs.push(step.duration);
    const line = formatLabProgress({
      page: this.page,
      pages: this.pages,
      pageName: /\(([^)]+)\)$/.exec(test.title)?.[1] ?? test.title,
      formFactor: match[1]!,
      run: this.runInPage,
      runsPerPage: Number(match[3]) * this.formFactors,
      lastRunMs: step.duration,
      finishedRunsMs: this.finishedRunsMs,
    });
    if (this.tty) {
      this.write(`${CLEAR_LINE}${line}`);
      this.liveLine = true;
    } else {
      this.write(`${line}\n`);
    }
  }

  onTestEnd(): void {
    this.clear();
  }

  onStdOut(): void {
    this.clear();
  }

  onStdErr(): void {
    this.clear();
  }

  onEnd(): void {
    this.clear();
  }

  printsToStdio(): boolean {
    return true;
  }

  private clear(): void {
    if (!this.liveLine) return;
    this.write(CLEAR_LINE);
    this.liveLine = false;
  }
}

function isLab(test: TestCase): boolean {
  return test.parent.project()?.name === PROJECT;
}
