/**
 * `node --import tsx scripts/build-roadmap-examples.ts` — writes examples/roadmap-seed000.xlsx
 * and examples/roadmap-seed001.xlsx from the committed source tables in examples/source/*.tsv
 * (lines starting with «#» become the title lines above the header, as the seeds print them; lines
 * starting with «##» are notes on the transcription and stay in the .tsv).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeRoadmapWorkbook } from '../src/files/xlsx/write/roadmapTemplate.ts';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

for (const name of ['roadmap-seed000', 'roadmap-seed001']) {
  const lines = (await readFile(`${EXAMPLES}source/${name}.tsv`, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '');
  const titleLines = lines
    .filter((line) => line.startsWith('#') && !line.startsWith('##'))
    .map((line) => line.replace(/^#\s*/, ''));
  const [, ...rows] = lines.filter((line) => !line.startsWith('#')).map((line) => line.split('\t'));
  await writeFile(`${EXAMPLES}${name}.xlsx`, await writeRoadmapWorkbook({ titleLines, rows }));
  console.log(`${name}.xlsx: ${rows.length} rows`);
}
