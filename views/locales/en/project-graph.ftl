## A project's task dependency graph (SVG) and its text alternative.

project-graph-title = Task dependencies
project-graph-desc = { $tasks ->
    [one] One task
   *[other] { $tasks } tasks
} linked by { $links ->
    [one] one dependency
   *[other] { $links } dependencies
}, read from left to right: each arrow points from a task to a task that waits for it. Heavy outlines mark the longest chain; dashed outlines mark tasks caught in a dependency loop. The same information follows as text.
project-graph-node-done = Done
project-graph-node-blocked-by = Blocked by: { $names }
project-graph-node-blocks = Blocks: { $names }
project-graph-node-critical = On the longest chain
project-graph-node-cycle = Part of a dependency loop
project-graph-text-chain = { $count ->
    [one] Longest chain (one task):
   *[other] Longest chain ({ $count } tasks):
}
project-graph-text-cycle = These tasks depend on each other in a loop:
project-graph-text-cycle-fix = This is an error in the project plan; your service provider needs to fix it.
project-graph-text-list = Dependencies of each task
project-graph-text-done = (done)
project-graph-text-depends-on = depends on:
project-graph-text-blocks = blocks:
