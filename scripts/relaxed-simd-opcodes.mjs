#!/usr/bin/env node
// Gives a linked .wasm relaxed SIMD's final opcode for its fused multiply-adds.
//   node scripts/relaxed-simd-opcodes.mjs build/wasm-relaxed/digitlab_web.wasm
//
// Why: clang 14 (Debian's, under Emscripten 3.1.6) knows relaxed SIMD only as the
// 2021 prototype. Its __builtin_wasm_fma_f32x4(x, y, acc) emits f32x4.fma, 0xfd 0xaf 0x01,
// which browsers no longer accept; the standard's f32x4.relaxed_madd is 0xfd 0x85 0x02 and
// computes x * y + acc from the same three operands in the same order. Both encodings are
// three bytes, so the instruction is swapped in place and nothing else moves.
// (src/core/kernels/panel_kernels.hpp's madd() is the only user.)
//
// The bytes 0xfd 0xaf 0x01 could also sit inside some other instruction's immediate, so
// the rewrite is checked: Binaryen's disassembler (wasm-dis, part of Debian's emscripten)
// must count exactly as many f32x4.fma instructions as there are matches in the code
// section, and no other relaxed instruction (they would need new opcodes too). A program
// with no fused multiply-add at all, prototype or standard, is an error: its build lost
// DIGITLAB_WASM_RELAXED. A second run finds nothing to change and leaves the file as it is.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const PROTOTYPE = [0xfd, 0xaf, 0x01];  // f32x4.fma (relaxed SIMD prototype, LLVM 14)
const STANDARD = [0xfd, 0x85, 0x02];   // f32x4.relaxed_madd (opcode 0x105, LEB128)

function fail(message) {
  console.error(`relaxed-simd-opcodes: ${message}`);
  process.exit(1);
}

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, at };
}

// [start, end) of the code section (id 10).
function codeSection(bytes) {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    fail('not a WebAssembly module');
  }
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readLeb(bytes, at + 1);
    if (id === 10) return { start: size.at, end: size.at + size.value };
    at = size.at + size.value;
  }
  fail('the module has no code section');
}

function matches(bytes, { start, end }, pattern) {
  const found = [];
  for (let i = start; i + pattern.length <= end; ++i) {
    if (pattern.every((b, k) => bytes[i + k] === b)) found.push(i);
  }
  return found;
}

const file = process.argv[2];
if (!file) fail('usage: node scripts/relaxed-simd-opcodes.mjs FILE.wasm');
const bytes = readFileSync(file);
const code = codeSection(bytes);
const found = matches(bytes, code, PROTOTYPE);
if (found.length === 0) {
  if (matches(bytes, code, STANDARD).length === 0) {
    fail(`${file}: no fused multiply-add at all; was it compiled with -DDIGITLAB_WASM_RELAXED?`);
  }
  console.log(`relaxed-simd-opcodes: ${file}: no prototype fused multiply-adds left (already rewritten)`);
  process.exit(0);
}
let text;
try {
  text = execFileSync('wasm-dis', [file], { maxBuffer: 1 << 30, encoding: 'utf8' });
} catch (error) {
  fail(`wasm-dis (Binaryen, from Debian's emscripten or binaryen package) could not read ${file}: ${error.message}`);
}
const fmas = (text.match(/\bf32x4\.relaxed_fma\b/g) || []).length;
// Binaryen 108's names for the prototype's other instructions: *.relaxed_*, *.laneselect,
// and the dot products *.dot_i8x16_i7x16*.
const relaxed = (text.match(/\b(?:[a-z0-9]+\.relaxed_\w+|\w+\.laneselect|\w+\.dot_i8x16_i7x16\w*)\b/g) || []).length;
if (fmas !== found.length) {
  fail(`${file}: ${found.length} byte matches in the code section but ${fmas} f32x4.fma instructions; not rewritten`);
}
if (relaxed !== fmas) {
  fail(`${file}: ${relaxed - fmas} relaxed SIMD instructions other than f32x4.fma, whose opcodes this script does not know`);
}
for (const i of found) STANDARD.forEach((b, k) => { bytes[i + k] = b; });
writeFileSync(file, bytes);
console.log(`relaxed-simd-opcodes: ${file}: ${found.length} f32x4.fma made f32x4.relaxed_madd`);
