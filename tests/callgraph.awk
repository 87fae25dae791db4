# callgraph.awk -- read the .ci files that gcc -fcallgraph-info=su writes
# for core/, fail when a function can reach itself (recursion), and print
# the worst-case stack depth below each root given as -v roots="a b".
#
#   awk -v roots="staple_decode" -f tests/callgraph.awk build/free/*.ci
#
# A function is known by its name; gcc titles static functions
# "file:name" and the rest "name".  Functions without a size (memcmp,
# memcpy, memset) count as 0 bytes: a freestanding target supplies them.

function short(title) { sub(/^.*:/, "", title); return title }

# Depth-first walk: the deepest stack from f down, or -1 on recursion.
function deepest(f,    i, n, list, best, d) {
	if (f in done) return done[f]
	if (f in onpath) { cycle = f; return -1 }
	onpath[f] = 1
	best = 0
	n = split(calls[f], list, " ")
	for (i = 1; i <= n; i++) {
		d = deepest(list[i])
		if (d < 0) return -1
		if (d > best) best = d
	}
	delete onpath[f]
	done[f] = size[f] + best
	return done[f]
}

/^node:/ {
	match($0, /title: "[^"]*"/)
	name = short(substr($0, RSTART + 8, RLENGTH - 9))
	if (match($0, /[0-9]+ bytes \([a-z,]*\)/)) {
		frame = substr($0, RSTART, RLENGTH)
		# "dynamic,bounded" (a push in one branch only) is bounded
		# by the size given; plain "dynamic" (alloca, VLA) is not
		if (frame !~ /\((static|dynamic,bounded)\)/) dynamic[name] = 1
		size[name] = frame + 0
	}
}

/^edge:/ {
	match($0, /sourcename: "[^"]*"/)
	from = short(substr($0, RSTART + 13, RLENGTH - 14))
	match($0, /targetname: "[^"]*"/)
	to = short(substr($0, RSTART + 13, RLENGTH - 14))
	if (index(" " calls[from] " ", " " to " ") == 0)
		calls[from] = calls[from] " " to
}

END {
	status = 0
	for (f in dynamic) {
		print "callgraph: " f " has a dynamic stack frame"
		status = 1
	}
	n = split(roots, list, " ")
	for (i = 1; i <= n; i++) {
		d = deepest(list[i])
		if (d < 0) {
			print "callgraph: recursion through " cycle
			status = 1
		} else {
			printf "callgraph: worst-case stack of %s: %d bytes\n", list[i], d
		}
	}
	exit status
}
