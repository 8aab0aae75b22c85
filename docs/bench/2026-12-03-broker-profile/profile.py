#!/usr/bin/env python3
"""Summarises a JFR recording of the broker or the stack: CPU by thread group (from jdk.ThreadCPULoad, whose
figures are shares of the whole machine) and the Java samples by broker request type.
usage: profile.py <recording.jfr> <cores> <commits per second>"""
import collections, json, re, subprocess, sys

jfr, cores, commits = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

def events(kind, depth=64):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', str(depth), '--events', kind, jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)['recording']['events']

GROUPS = [('JIT compiler', r'Compiler|Sweeper'), ('Kafka network I/O threads', r'network-thread'),
          ('request handlers', r'request-handler'), ('AddPartitionsToTxn sender (to itself)', r'AddPartitionsToTxn'),
          ('transaction marker sender (to itself)', r'TxnMarkerSender'), ('group coordinator', r'group-coordinator'),
          ('stream thread', r'StreamThread-\d+$'), ('stream thread producer I/O', r'StreamThread-\d+-producer'),
          ('HTTP event loops', r'webflux-http|reactor-http'), ('other producers', r'kafka-producer-network-thread'),
          ('projector', r'usage-projector'), ('reactor workers', r'parallel-|boundedElastic')]
loads = collections.defaultdict(list)
for e in events('jdk.ThreadCPULoad'):
    v = e['values']
    t = v.get('eventThread') or {}
    loads[t.get('javaName') or t.get('osName') or '?'].append(v['user'] + v['system'])
by_group = collections.Counter()
for name, xs in loads.items():
    if len(xs) < 2:  # threads seen once (start-up, shut-down) are not part of the steady state
        continue
    group = next((g for g, pattern in GROUPS if re.search(pattern, name)), 'other')
    by_group[group] += sum(xs) / len(xs) * cores
total = sum(by_group.values())
print(f'{"thread group":42} {"cores":>6} {"ms per commit":>14}')
for group, used in by_group.most_common():
    print(f'{group:42} {used:6.3f} {used / commits * 1000:14.2f}')
print(f'{"all":42} {total:6.3f} {total / commits * 1000:14.2f}')
jit = by_group['JIT compiler']
print(f'{"all but the JIT compiler":42} {total - jit:6.3f} {(total - jit) / commits * 1000:14.2f}')

requests, metrics, n = collections.Counter(), 0, 0
for e in events('jdk.ExecutionSample'):
    names = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name'] for f in e['values']['stackTrace']['frames']]
    n += 1
    handlers = [x for x in names if x.startswith('KafkaApis.handle') and x != 'KafkaApis.handle']
    requests[handlers[-1] if handlers else 'not in a request handler'] += 1
    if any('updateRequestMetrics' in x for x in names):
        metrics += 1
if n:
    print(f'\n{n} Java samples; by request handled:')
    for handler, count in requests.most_common():
        print(f'{count / n:6.1%} {handler}')
    print(f'{metrics / n:6.1%} updating the request-time histograms (RequestChannel.updateRequestMetrics)')
