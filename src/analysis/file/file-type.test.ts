// Tests for magic-byte file typing over the PE fixtures and small synthetic samples.
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { detectFileType } from './file-type.ts';

const FIXTURES = new URL('../../../test/fixtures/pe/', import.meta.url).pathname;
const kind = (b: Uint8Array | string): string => detectFileType(typeof b === 'string' ? Buffer.from(b, 'latin1') : b).kind;

async function zipOf(names: string[]): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'));
  for (const name of names) await writer.add(name, new TextReader(name === 'mimetype' ? 'application/vnd.oasis.opendocument.text' : 'x'), { level: name === 'mimetype' ? 0 : 6 });
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

function ole2(clsid: string): Uint8Array {
  const b = Buffer.alloc(1536);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b);
  b.writeUInt16LE(9, 0x1e);
  b.writeUInt32LE(0, 0x30);
  Buffer.from(clsid, 'hex').copy(b, 512 + 0x50);
  return b;
}

describe('detectFileType', () => {
  it('PE fixtures: exe vs dll, with the PE MIME type', () => {
    assert.deepEqual(detectFileType(readFileSync(FIXTURES + 'hello-x64.exe')), {
      kind: 'pe-exe', description: 'PE32+ executable', mime: 'application/vnd.microsoft.portable-executable', extension: 'exe',
    });
    assert.equal(detectFileType(readFileSync(FIXTURES + 'hello-x86.exe')).description, 'PE32 executable');
    assert.equal(kind(readFileSync(FIXTURES + 'exports-x64.dll')), 'pe-dll');
    assert.equal(kind('MZ' + '\0'.repeat(100)), 'mz');
  });

  it('executables and archives by magic', () => {
    assert.equal(kind('\x7fELF\x02\x01\x01'), 'elf');
    assert.equal(kind('\xcf\xfa\xed\xfe\x07\x00\x00\x01'), 'macho');
    assert.equal(kind('\xca\xfe\xba\xbe\x00\x00\x00\x02'), 'macho-fat');
    assert.equal(kind('\xca\xfe\xba\xbe\x00\x00\x00\x34'), 'java-class');
    assert.equal(kind('\x1f\x8b\x08\x00'), 'gzip');
    assert.equal(kind('7z\xbc\xaf\x27\x1c\x00\x04'), '7z');
    assert.equal(kind('Rar!\x1a\x07\x01\x00'), 'rar');
    assert.equal(kind('MSCF\0\0\0\0'), 'cab');
    assert.equal(kind(Buffer.concat([Buffer.alloc(0x8001), Buffer.from('CD001')])), 'iso');
    assert.equal(kind(Buffer.from('4c0000000114020000000000c000000000000046', 'hex')), 'lnk');
  });

  it('zip flavours: plain, OOXML, JAR, APK, ODF', async () => {
    assert.equal(kind(await zipOf(['a.txt'])), 'zip');
    assert.equal(kind(await zipOf(['[Content_Types].xml', 'word/document.xml'])), 'ooxml-docx');
    assert.equal(kind(await zipOf(['[Content_Types].xml', 'xl/workbook.xml'])), 'ooxml-xlsx');
    assert.equal(kind(await zipOf(['META-INF/MANIFEST.MF', 'a.class'])), 'jar');
    assert.equal(kind(await zipOf(['AndroidManifest.xml', 'classes.dex'])), 'apk');
    assert.equal(kind(await zipOf(['mimetype', 'content.xml'])), 'odf');
  });

  it('documents: PDF, RTF, OLE2 (MSI, Word, unknown)', () => {
    assert.equal(detectFileType(Buffer.from('%PDF-1.7\n')).mime, 'application/pdf');
    assert.equal(kind('{\\rtf1\\ansi'), 'rtf');
    assert.equal(kind(ole2('84100c00000000000c00000000000046')), 'ole2-msi');
    assert.equal(kind(ole2('06090200000000000c00000000000046')), 'ole2-doc');
    assert.equal(kind(ole2('00'.repeat(16))), 'ole2');
  });

  it('images, scripts, HTML, text, data, empty', () => {
    assert.equal(kind('\x89PNG\r\n\x1a\n'), 'png');
    assert.equal(kind('\xff\xd8\xff\xe0'), 'jpeg');
    assert.equal(kind('GIF89a'), 'gif');
    assert.equal(kind('#!/bin/bash\necho hi\n'), 'script-shell');
    assert.equal(kind('#!/usr/bin/env python3\n'), 'script-python');
    assert.equal(detectFileType(Buffer.from('  <!DOCTYPE html><html>')).mime, 'text/html');
    assert.equal(kind('hello world\n'), 'text');
    assert.equal(kind('\x00\x01\x02\x03'), 'data');
    assert.deepEqual(detectFileType(new Uint8Array(0)), { kind: 'empty', description: 'empty file', mime: 'application/x-empty', extension: '' });
  });
});
