import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  blockLetters,
  paginate,
  renderGreenbarPdf,
  separatorLines,
  type PrintJobInfo,
} from '../../../cp/print/greenbar-pdf.js';

const JOB: PrintJobInfo = {
  userid: 'CMSUSER',
  spoolid: 17,
  name: 'REPORT',
  type: 'LISTING',
  spoolClass: 'A',
  records: 3,
  created: new Date(Date.UTC(1982, 4, 17, 9, 30, 0)),
};

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext)
  console.warn('SKIPPED: PDF text extraction tests: pdftotext (Debian poppler-utils) is not installed');

const dir = mkdtempSync(join(tmpdir(), 'vmcms-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pages from printed text', () => {
  it('splits at form feeds, keeps overprints together, and continues long pages on the next form', () => {
    const pages = paginate('LINE 1\nBOLD\rBOLD\n\fPAGE 2\n');
    expect(pages).toEqual([[['LINE 1'], ['BOLD', 'BOLD']], [['PAGE 2']]]);
    const long = Array.from({ length: 70 }, (_, i) => `L${i}`).join('\n') + '\n';
    expect(paginate(long).map((p) => p.length)).toEqual([66, 4]);
    expect(paginate('\fFIRST\n')).toEqual([[['FIRST']]]); // a skip to channel 1 first makes no blank page
  });

  it('writes the userid and spoolid in block letters on the separator page', () => {
    expect(blockLetters('HI')).toEqual([
      'H   H  IIIII',
      'H   H    I',
      'H   H    I',
      'HHHHH    I',
      'H   H    I',
      'H   H    I',
      'H   H  IIIII',
    ]);
    const sep = separatorLines(JOB).join('\n');
    expect(sep).toContain('USERID   CMSUSER    SPOOLID  0017   CLASS A');
    expect(sep).toContain('FILE     REPORT   LISTING    RECORDS 00000003');
    expect(sep).toContain('PRINTED  05/17/82 09:30:00');
  });
});

describe('the green-bar PDF', () => {
  it('is a PDF with a separator page and one page per form', async () => {
    const pdf = await renderGreenbarPdf('PRICE LIST\n\nWIDGETS   12.50\n\fTOTAL     12.50\n', JOB);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBe(3);
  });

  it.skipIf(!hasPdftotext)('reads back as the printed text, in Courier at 132 columns', async () => {
    const text = 'PRICE LIST\n\nWIDGETS   12.50\n' + 'X'.repeat(140) + '\n\fTOTAL     12.50\n';
    const path = join(dir, 'out.pdf');
    writeFileSync(path, await renderGreenbarPdf(text, JOB));
    const extracted = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'latin1' });
    const pages = extracted.split('\f');
    expect(pages[0]).toMatch(/USERID\s+CMSUSER\s+SPOOLID\s+0017/);
    expect(pages[1]).toContain('PRICE LIST');
    expect(pages[1]).toMatch(/WIDGETS\s+12\.50/);
    expect(pages[1]).toContain('X'.repeat(132));
    expect(pages[1]).not.toContain('X'.repeat(133)); // the 1403 prints 132 positions
    expect(pages[2]).toMatch(/TOTAL\s+12\.50/);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'latin1' });
    expect(fonts).toContain('Courier');
  });
});
