#!/bin/bash
cd /tmp/benchruns/readprof
java -jar /tmp/benchruns/bench.jar read --broker process --bare false --sizes 100,100000 --rate 500 --warmup 30s --duration 45s > out.txt 2>&1 &
BENCH=$!
pid=""
for size in 100 100000; do
  while ! grep -q "^  $size messages, through the door:" out.txt; do sleep 1; kill -0 $BENCH 2>/dev/null || exit 1; done
  [ -z "$pid" ] && pid=$(grep -o "stack ready in [0-9]* s (pid [0-9]*" out.txt | grep -o "[0-9]*$")
  sleep 35
  jcmd $pid JFR.start name=s$size duration=30s settings=profile filename=/tmp/benchruns/readprof/stack-$size.jfr > jcmd-$size.txt 2>&1
done
wait $BENCH
