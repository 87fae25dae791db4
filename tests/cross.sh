#!/bin/sh
# cross.sh -- `make cross`: core/ built for firmware, and what it costs.
#
# For Cortex-M4 (Thumb-2) and Cortex-M0+ (Thumb-1), with $CROSS gcc
# (default arm-none-eabi-), -Os, freestanding, one section per function:
#   - .text, .data and .bss of every core object, and their total;
#   - what a program that decodes links: the closure of
#     staple_decode_abi (what staple.h's staple_decode() macro calls)
#     and staple_ocsp_view (--gc-sections), and of staple_verify too;
#   - the worst-case stack depth of every public entry point a firmware
#     program calls (stack_roots below: decode, single_at, view,
#     cert_decode, verify, check; staple.h's IMPORTANT CAVEATS quotes
#     them) from gcc's call graph (-fcallgraph-info=su, tests/callgraph.awk; the
#     verifier's depth stops at the crypto provider it calls through a
#     pointer, whose stack is the provider's own);
#   - a failure when a core object needs any library symbol beyond
#     memcmp, memcpy and memset, has a dynamic stack frame, or recurses.
#     The helpers of the compiler's own runtime (libgcc: __aeabi_* for
#     64-bit and, on Thumb-1, 32-bit division and multiplication,
#     __gnu_thumb1_* for switch tables) are no library a firmware author
#     supplies: every gcc target has them.  They are listed, not refused.
# Usage: sh tests/cross.sh [BUILD]  (CROSS from the environment)
set -eu
cross=${CROSS:-arm-none-eabi-}
out=${1:-build}/cross
cc=${cross}gcc
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "cross: no $cc (apt-get install gcc-arm-none-eabi)" >&2
	exit 1
fi
warn="-std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror"
status=0
awk=$(pwd)/tests/callgraph.awk
stack_roots="staple_decode_abi staple_single_at staple_ocsp_view \
staple_cert_decode staple_verify staple_check"

for target in cortex-m4 cortex-m0plus; do
	dir=$out/$target
	rm -rf "$dir"
	mkdir -p "$dir"
	flags="-mcpu=$target -mthumb -Os -ffreestanding -ffunction-sections \
-fdata-sections -fstack-usage -fcallgraph-info=su"
	for f in core/*.c; do
		# shellcheck disable=SC2086 # flags are words
		"$cc" $warn $flags -Icore -c "$f" \
			-o "$dir/$(basename "$f" .c).o" || exit 1
	done
	echo "cross: $target (${cc} -mcpu=$target -mthumb -Os)"
	"${cross}size" "$dir"/*.o | awk '
		NR == 1 { printf "  %-14s %7s %6s %5s\n", "object", ".text",
		          ".data", ".bss"; next }
		{ n = $6; sub(/^.*\//, "", n)
		  printf "  %-14s %7d %6d %5d\n", n, $1, $2, $3
		  t += $1; d += $2; b += $3 }
		END { printf "  %-14s %7d %6d %5d\n", "total", t, d, b }'
	# What a program links for these entry points, mem* from newlib.
	# (staple_decode_abi: what staple.h's staple_decode() calls)
	for roots in staple_decode_abi "staple_decode_abi staple_ocsp_view" \
		"staple_decode_abi staple_ocsp_view staple_cert_decode staple_verify"; do
		u=
		for r in $roots; do u="$u -Wl,-u,$r"; done
		# shellcheck disable=SC2086
		"$cc" -mcpu=$target -mthumb -nostartfiles -Wl,--gc-sections \
			-Wl,-e,staple_decode_abi $u -o "$dir/closure.elf" \
			"$dir"/*.o -lc || exit 1
		"${cross}size" -A "$dir/closure.elf" | awk -v roots="$roots" '
			$1 == ".text" { t = $2 } $1 == ".rodata" { r = $2 }
			$1 == ".data" { d = $2 } $1 == ".bss" { b = $2 }
			END { printf "  linked for %s: .text %d (code %d + " \
			      "constants %d), .data %d, .bss %d\n", roots,
			      t + r, t, r, d + 0, b + 0 }'
	done
	# (no pipe: sh has no pipefail, and a failure here must count)
	if ! (cd "$dir" && awk -v roots="$stack_roots" \
		-f "$awk" ./*.ci) >"$dir/callgraph.txt"; then
		status=1
	fi
	sed 's/^/  /' "$dir/callgraph.txt"
	# The decoded struct at the default limits, as this target lays it out.
	printf '#include "staple.h"\nconst char staple_response_size[sizeof(struct staple_response)];\n' |
		"$cc" -mcpu=$target -mthumb -Icore -x c -c -o "$dir/size.o" -
	"${cross}nm" -S -t d "$dir/size.o" | awk '
		$4 == "staple_response_size" {
			printf "  sizeof(struct staple_response): %d bytes\n",
			       $2 + 0 }'
	"${cross}ld" -r -o "$dir/all.o" "$dir"/*.o
	undef=$("${cross}nm" -u "$dir/all.o" | awk 'NF == 2 { print $2 }' |
		sort -u)
	runtime=$(echo "$undef" | grep -e '^__aeabi_' -e '^__gnu_thumb1_' ||
		true)
	bad=$(echo "$undef" | grep -v -x -e memcmp -e memcpy -e memset \
		-e '__aeabi_.*' -e '__gnu_thumb1_.*' || true)
	echo "  needs:" $(echo "$undef" | grep -v -e '^__aeabi_' \
		-e '^__gnu_thumb1_') "(libc);" ${runtime:-nothing} \
		"(compiler runtime)"
	if [ -n "$bad" ]; then
		echo "cross: $target: core needs symbols beyond" \
			"memcmp/memcpy/memset:" $bad
		status=1
	fi
done
[ $status = 0 ] && echo "cross: ok"
exit $status
