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
// The bytes 0xfd 0xaf 0x01 also sit inside other instructions' immediates (in the test
// program, `i32.const 22525` is 0x41 0xfd 0xaf 0x01), so the code section is decoded an
// instruction at a time and only instructions are rewritten. An opcode the decoder does
// not know stops it (nothing is written); within the SIMD and atomic prefixes, a
// subopcode past the last one defined stops it too, and SIMD instructions other than
// loads, stores, lane accesses, v128.const and shuffles are taken to have no immediates,
// as every one defined so far has none. The result is checked against Binaryen's
// disassembler (wasm-dis, part of Debian's emscripten): as many f32x4.fma instructions,
// and no other relaxed instruction (they would need new opcodes too). A program with no
// fused multiply-add at all, prototype or standard, is an error: its build lost
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

// The offsets of the SIMD instructions (prefix 0xfd) whose opcode is `op`, found by
// walking every function body's instructions and skipping their immediates. Covers what
// clang 14 emits under Emscripten 3.1.6: the MVP, sign extension, saturating
// truncation, bulk memory, reference types, SIMD and relaxed SIMD's prototype, atomics.
function simdInstructions(bytes, { start, end }, op) {
  const found = [];
  let at = start;
  const leb = () => { const r = readLeb(bytes, at); at = r.at; return r.value; };
  const memarg = () => { leb(); leb(); };
  const count = leb();
  for (let f = 0; f < count; ++f) {
    const size = leb();
    const bodyEnd = at + size;
    for (let groups = leb(); groups > 0; --groups) { leb(); ++at; }   // locals: count, type
    while (at < bodyEnd) {
      const where = at;
      const code = bytes[at++];
      if (code === 0x02 || code === 0x03 || code === 0x04) {   // block, loop, if: a block type
        if (bytes[at] === 0x40 || (bytes[at] >= 0x6f && bytes[at] <= 0x7f)) ++at; else leb();
      } else if (code === 0x0c || code === 0x0d || code === 0x10 || (code >= 0x20 && code <= 0x24) ||
                 code === 0x25 || code === 0x26 || code === 0xd2) {   // br, br_if, call, locals, globals, table.get/set, ref.func
        leb();
      } else if (code === 0x0e) {   // br_table
        for (let n = leb(); n >= 0; --n) leb();
      } else if (code === 0x11) {   // call_indirect
        leb(); leb();
      } else if (code >= 0x28 && code <= 0x3e) {   // loads and stores
        memarg();
      } else if (code === 0x3f || code === 0x40) {   // memory.size, memory.grow
        ++at;
      } else if (code === 0x41 || code === 0x42) {   // i32.const, i64.const (signed LEB)
        leb();
      } else if (code === 0x43) {
        at += 4;
      } else if (code === 0x44) {
        at += 8;
      } else if (code === 0x1c) {   // select with types
        for (let n = leb(); n > 0; --n) ++at;
      } else if (code === 0xd0) {   // ref.null
        ++at;
      } else if (code === 0xfc) {
        const sub = leb();
        if (sub === 8) { leb(); ++at; }                        // memory.init
        else if (sub === 10) at += 2;                          // memory.copy
        else if (sub === 11) ++at;                             // memory.fill
        else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) leb();
        else if (sub === 12 || sub === 14) { leb(); leb(); }   // table.init, table.copy
        else if (sub > 7) fail(`an unknown 0xfc ${sub} instruction at byte ${where}: not rewritten`);
      } else if (code === 0xfd) {
        const sub = leb();
        if (sub === op) found.push(where);
        if (sub <= 11 || sub === 92 || sub === 93) memarg();   // v128 loads and stores
        else if (sub === 12 || sub === 13) at += 16;            // v128.const, i8x16.shuffle
        else if (sub >= 21 && sub <= 34) ++at;                  // lanes
        else if (sub >= 84 && sub <= 91) { memarg(); ++at; }    // load and store lane
        else if (sub > 0x113) fail(`an unknown SIMD instruction 0xfd ${sub} at byte ${where}: not rewritten`);
      } else if (code === 0xfe) {
        const sub = leb();
        if (sub > 0x4e) fail(`an unknown atomic instruction 0xfe ${sub} at byte ${where}: not rewritten`);
        if (sub === 3) ++at; else memarg();   // atomic.fence, else a memory access
      } else if (!(code <= 0x01 || code === 0x05 || code === 0x0b || code === 0x0f || code === 0x1a ||
                   code === 0x1b || code === 0xd1 || (code >= 0x45 && code <= 0xc4))) {
        fail(`an unknown opcode 0x${code.toString(16)} at byte ${where}: not rewritten`);
      }
    }
    if (at !== bodyEnd) fail(`function ${f}'s instructions do not end with its body: not rewritten`);
  }
  if (at !== end) fail('the code section holds more than its functions: not rewritten');
  return found;
}

const file = process.argv[2];
if (!file) fail('usage: node scripts/relaxed-simd-opcodes.mjs FILE.wasm');
const bytes = readFileSync(file);
const code = codeSection(bytes);
const found = simdInstructions(bytes, code, 0xaf);   // f32x4.fma, the prototype's
if (found.length === 0) {
  if (simdInstructions(bytes, code, 0x105).length === 0) {   // f32x4.relaxed_madd
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
  fail(`${file}: ${found.length} f32x4.fma instructions decoded but ${fmas} disassembled; not rewritten`);
}
if (relaxed !== fmas) {
  fail(`${file}: ${relaxed - fmas} relaxed SIMD instructions other than f32x4.fma, whose opcodes this script does not know`);
}
// Each found instruction is 0xfd 0xaf 0x01 (the subopcode's shortest LEB128): checked, then swapped.
for (const i of found) {
  if (!PROTOTYPE.every((b, k) => bytes[i + k] === b)) fail(`${file}: f32x4.fma at byte ${i} is not encoded as ${PROTOTYPE}`);
  STANDARD.forEach((b, k) => { bytes[i + k] = b; });
}
writeFileSync(file, bytes);
console.log(`relaxed-simd-opcodes: ${file}: ${found.length} f32x4.fma made f32x4.relaxed_madd`);
