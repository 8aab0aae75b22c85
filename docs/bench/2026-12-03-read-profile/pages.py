#!/usr/bin/env python3
"""Where a history page's time goes in a JFR recording of the stack: the share of the Java samples in the
page read (ChatReader.messagesJson), in making its store iterator (Kafka Streams' reverseRange), in opening
sealed messages, and the methods the page read spends itself in.
usage: pages.py <recording.jfr>"""
import collections, json, subprocess, sys

out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '96', '--events', 'jdk.ExecutionSample', sys.argv[1]],
                     capture_output=True, text=True, check=True).stdout
total, marks, leaves = 0, collections.Counter(), collections.Counter()
MARKS = {'page read (ChatReader.messagesJson)': 'ChatReader.messagesJson',
         "making the store's iterator (CachingKeyValueStore.reverseRange)": 'CachingKeyValueStore.reverseRange',
         'opening sealed messages (SealedMessageJson.open)': 'SealedMessageJson.open'}
for event in json.loads(out)['recording']['events']:
    names = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name']
             for f in event['values']['stackTrace']['frames']]
    total += 1
    for label, method in MARKS.items():
        if method in names:
            marks[label] += 1
    if 'ChatReader.messagesJson' in names:
        leaves[names[0]] += 1
print(f'{total} Java samples')
for label in MARKS:
    print(f'{marks[label] / total:6.1%}  {label}')
print('the page read, by the method it spends itself in:')
for method, count in leaves.most_common(6):
    print(f'{count / total:6.1%}  {method}')
