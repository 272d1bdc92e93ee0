import { describe, expect, it } from 'vitest';
import { compoundFileStreamNames, sniffFileKind } from '../../../src/files/xlsx/read/sniff.ts';
import { compoundFile, encryptedWorkbook, legacyXls } from '../../fixtures/xlsx/build.ts';

describe('compound files', () => {
  it('finds the stream names in the directory', () => {
    expect([...compoundFileStreamNames(encryptedWorkbook())]).toEqual([
      'Root Entry',
      'EncryptionInfo',
      'EncryptedPackage',
      '\u0006DataSpaces',
    ]);
  });

  it('tells an encrypted workbook from an old .xls and from other Office files', () => {
    expect(sniffFileKind(encryptedWorkbook())).toBe('encrypted-office');
    expect(sniffFileKind(legacyXls())).toBe('legacy-xls');
    expect(sniffFileKind(compoundFile(['WordDocument']))).toBe('legacy-office');
  });

  it('does not take text that merely mentions a stream name for one', () => {
    const cfb = legacyXls();
    const text = new Uint8Array(cfb.length + 256);
    text.set(cfb);
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) text[cfb.length + 7 + i * 2] = name.charCodeAt(i); // unaligned, in «cell text»
    expect(sniffFileKind(text)).toBe('legacy-xls');
  });
});

describe('text files', () => {
  it('recognises CSV in UTF-8 and in Windows-1251', () => {
    expect(sniffFileKind(new TextEncoder().encode('Код ОО;Участников\nsch1;28\n'))).toBe('text');
    expect(sniffFileKind(new Uint8Array([0xca, 0xee, 0xe4, 0x3b, 0x31, 0x0d, 0x0a]))).toBe('text');
  });
});
