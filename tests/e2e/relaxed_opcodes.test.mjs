// scripts/relaxed-simd-opcodes.mjs on hand-made modules (no browser): it must rewrite the
// prototype's f32x4.fma instructions and nothing else, though the same three bytes
// (0xfd 0xaf 0x01) sit inside other instructions' immediates, and it must refuse, writing
// nothing, a module it cannot decode. The bytes below are written from the WebAssembly
// binary format by hand; Binaryen's wasm-dis (which the script also runs) reads them as
// the comments say.
//   node --test tests/e2e/relaxed_opcodes.test.mjs      (needs wasm-dis: Debian's emscripten)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from './helpers.mjs';

const script = join(repoRoot, 'scripts', 'relaxed-simd-opcodes.mjs');
const dir = mkdtempSync(join(tmpdir(), 'relaxed-opcodes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FMA = [0xfd, 0xaf, 0x01];        // f32x4.fma, relaxed SIMD's prototype
const MADD = [0xfd, 0x85, 0x02];       // f32x4.relaxed_madd, the standard's
const v128 = (bytes) => [0xfd, 0x0c, ...bytes];   // v128.const
const zeros = new Array(16).fill(0);

// One function () -> () with `body` (its instructions, without locals or the final end).
function moduleWith(body) {
  const code = [0x00, ...body, 0x0b];
  const section = (id, content) => [id, content.length, ...content];
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x00]),        // type: () -> ()
    ...section(3, [0x01, 0x00]),                    // one function of it
    ...section(10, [0x01, code.length, ...code])]);
}

function run(name, bytes) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  try {
    const out = execFileSync('node', [script, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, out, after: readFileSync(file) };
  } catch (error) {
    return { ok: false, out: String(error.stderr), after: readFileSync(file) };
  }
}

// 0x41 0xfd 0xaf 0x01 is i32.const 22525 (22525 = 0x57fd: LEB128 fd af 01), which is what
// a byte search once took for an FMA in the test program.
const decoys = [
  0x41, 0xfd, 0xaf, 0x01, 0x1a,                              // i32.const 22525; drop
  0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x00, 0x0b,      // block; i32.const 0; br_table 0 0; end
  ...v128([...FMA, ...new Array(13).fill(0)]), 0x1a,         // v128.const starting fd af 01; drop
];
const fma = [...v128(zeros), ...v128(zeros), ...v128(zeros), ...FMA, 0x1a];   // f32x4.fma(0, 0, 0); drop

test('only the f32x4.fma instruction is rewritten, not the same bytes in immediates', () => {
  const before = moduleWith([...decoys, ...fma]);
  const at = before.length - 3 - 2;   // the FMA's bytes: before drop (1) and the body's end (1)
  assert.deepEqual([...before.subarray(at, at + 3)], FMA);
  const first = run('decoys.wasm', before);
  assert.ok(first.ok, first.out);
  assert.match(first.out, /1 f32x4\.fma made f32x4\.relaxed_madd/);
  const changed = [...first.after.keys()].filter((i) => first.after[i] !== before[i]);
  assert.deepEqual(changed, [at + 1, at + 2], 'only the opcode after 0xfd changed');
  assert.deepEqual([...first.after.subarray(at, at + 3)], MADD);

  const second = run('decoys.wasm', first.after);   // a second run finds nothing to change
  assert.ok(second.ok, second.out);
  assert.match(second.out, /already rewritten/);
  assert.ok(second.after.equals(first.after));
});

test('an instruction it cannot decode stops it, and nothing is written', () => {
  // 0xfd 0x80 0x04: SIMD subopcode 0x200, past the last one defined.
  const before = moduleWith([...fma, ...v128(zeros), 0xfd, 0x80, 0x04, 0x1a]);
  const result = run('unknown.wasm', before);
  assert.equal(result.ok, false);
  assert.match(result.out, /unknown SIMD instruction 0xfd 512/);
  assert.ok(result.after.equals(before), 'the file is as it was');
});

test('a module with no fused multiply-add at all is an error (its build lost relaxed SIMD)', () => {
  const result = run('none.wasm', moduleWith(decoys));
  assert.equal(result.ok, false);
  assert.match(result.out, /no fused multiply-add at all/);
});
