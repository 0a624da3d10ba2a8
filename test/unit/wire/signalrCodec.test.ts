import assert from 'node:assert/strict';
import {
  closeFrame, completionFrame, describeLabel, invocationFrame, isServerEvent, labelRecord, parseHandshakeRequest, parseHandshakeResponse,
  parseMessage, PING_FRAME, RECORD_SEPARATOR as RS, splitRecords,
} from '../../../src/core/wire/signalrCodec';

describe('SignalR wire codec', () => {
  it('splits 0x1E records and keeps an unfinished tail', () => {
    assert.deepEqual(splitRecords(`{"type":6}${RS}{"type":1`), { records: ['{"type":6}'], rest: '{"type":1' });
    assert.deepEqual(splitRecords(`a${RS}b${RS}`), { records: ['a', 'b'], rest: '' });
  });

  it('parses handshakes both ways', () => {
    assert.deepEqual(parseHandshakeRequest('{"protocol":"json","version":1}'), { ok: true, protocol: 'json', version: 1 });
    assert.equal(parseHandshakeRequest('{"protocol":1}').ok, false);
    assert.equal(parseHandshakeRequest('nope').ok, false);
    assert.deepEqual(parseHandshakeResponse('{}'), {});
    assert.deepEqual(parseHandshakeResponse('{"error":"bad"}'), { error: 'bad' });
    assert.equal(parseHandshakeResponse('{"type":6}'), undefined);
  });

  it('parses messages and names each protocol error', () => {
    assert.deepEqual(parseMessage('{"type":1,"invocationId":"7","target":"X","arguments":[1]}'), { ok: true, message: { type: 1, invocationId: '7', target: 'X', arguments: [1] } });
    assert.deepEqual(parseMessage('{"type":1,"target":"X"}'), { ok: true, message: { type: 1, invocationId: undefined, target: 'X', arguments: [] } });
    assert.deepEqual(parseMessage('{"type":3,"invocationId":"2","error":"no"}'), { ok: true, message: { type: 3, invocationId: '2', error: 'no' } });
    assert.deepEqual(parseMessage('{"type":7,"allowReconnect":true}'), { ok: true, message: { type: 7, allowReconnect: true } });
    assert.deepEqual(parseMessage('{"type":42}'), { ok: true, message: { type: 'other', code: 42 } });
    const error = (record: string): string => {
      const parsed = parseMessage(record);
      return parsed.ok ? 'parsed' : parsed.error;
    };
    assert.match(error('{"type":1,"arguments":[]}'), /target/);
    assert.match(error('{"type":1,"target":"X","arguments":{}}'), /array/);
    assert.match(error('{"type":3}'), /invocationId/);
    assert.match(error('{"type":1,"target":"X","invocationId":5}'), /invocationId/);
    assert.match(error('[1,2]'), /object/);
    assert.match(error('{"x":1}'), /type/);
    assert.match(error('nope'), /JSON/);
  });

  it('builds the frames it parses back', () => {
    const one = (text: string) => {
      const { records, rest } = splitRecords(text);
      assert.equal(rest, '');
      assert.equal(records.length, 1);
      return parseMessage(records[0]);
    };
    assert.deepEqual(one(invocationFrame('GatewayQuote', ['C', { a: 1 }])), { ok: true, message: { type: 1, invocationId: undefined, target: 'GatewayQuote', arguments: ['C', { a: 1 }] } });
    assert.deepEqual(one(invocationFrame('SubscribeAccounts', [], '4')), { ok: true, message: { type: 1, invocationId: '4', target: 'SubscribeAccounts', arguments: [] } });
    assert.deepEqual(one(completionFrame('4', 'boom')), { ok: true, message: { type: 3, invocationId: '4', error: 'boom' } });
    assert.deepEqual(one(closeFrame('bye', true)), { ok: true, message: { type: 7, error: 'bye', allowReconnect: true } });
    assert.deepEqual(one(PING_FRAME), { ok: true, message: { type: 6 } });
  });

  it('labels records for the raw frame view', () => {
    const line = (record: string, direction: 'in' | 'out' = 'in'): string => describeLabel(labelRecord(record, direction));
    assert.equal(line('{"protocol":"json","version":1}', 'out'), 'handshake request json v1');
    assert.equal(line('{}'), 'handshake ok');
    assert.equal(line('{"error":{"x":1}}'), 'handshake error: {"x":1}');
    assert.equal(line('{"type":1,"target":"GatewayQuote","arguments":[]}'), 'invocation GatewayQuote');
    assert.equal(line('{"type":1,"invocationId":"3","target":"SubscribeOrders","arguments":[1]}', 'out'), 'invocation SubscribeOrders #3');
    assert.equal(line('{"type":3,"invocationId":"3","error":"x"}'), 'completion #3 error: x');
    assert.equal(line('{"type":7,"allowReconnect":true}'), 'close (reconnect allowed)');
    assert.equal(line('{"type":8}'), 'ack');
    assert.equal(line('{"type":42}'), 'unknown: unknown message type 42');
    assert.equal(line('{"type":3}'), "unknown: a completion needs an 'invocationId'");
    assert.equal(line('{"a":1}', 'out'), 'unknown: no "type" and not a handshake request');
    assert.equal(line('{'), 'unknown: not JSON');
    assert.ok(isServerEvent(labelRecord('{"type":1,"target":"E","arguments":[]}', 'in')));
    assert.ok(!isServerEvent(labelRecord('{"type":1,"invocationId":"1","target":"E","arguments":[]}', 'in')));
  });
});
