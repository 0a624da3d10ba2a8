import assert from 'node:assert/strict';
import { accountHumanLine, accountLine } from '../../../src/cli/accountLines';
import { AccountBook } from '../../../src/core/account/accountBook';
import { account, ACCOUNT_ID, CONTRACTS, ES, order, position, trade, TUESDAY_MORNING } from './fixtures';

describe('hubmon watch account lines', () => {
  // The example: long 2 ES @ 5000 marked 5010.25, +600 realized, 2.10 fees, one working order.
  const book = new AccountBook(ACCOUNT_ID, { dailyLoss: 1000 }, CONTRACTS, TUESDAY_MORNING);
  book.applyAccount({ ...account(50000), name: 'PRAC-V2-9001' });
  book.applyTrade(trade(1, ES, '2026-11-24T14:00:00Z', 4990, null, 0.7));
  book.applyTrade(trade(2, ES, '2026-11-24T14:10:00Z', 5002, 600, 0.7));
  book.applyTrade(trade(3, ES, '2026-11-24T14:20:00Z', 5000, null, 0.7));
  book.applyPosition(position(ES, 'Long', 2, 5000), false);
  book.applyOrder({ ...order(77, 'Open', '2026-11-24T14:30:00Z') }, false);
  book.applyQuote(ES, { lastPrice: 5010.25, bestBid: 5010, bestAsk: 5010.25 });
  const snapshot = book.snapshot();

  it('the JSON line has the documented fields and full-precision numbers', () => {
    assert.equal(
      JSON.stringify(accountLine(snapshot)),
      '{"kind":"account","accountId":9001,"name":"PRAC-V2-9001","balance":50000,"canTrade":true,"realizedPnl":600,"fees":2.1,"unrealizedPnl":1025,"netPnl":1622.9,'
        + '"positions":[{"contractId":"CON.F.US.EP.Z26","type":"Long","size":2,"averagePrice":5000,"markPrice":5010.25,"unrealizedPnl":1025}],'
        + '"workingOrders":[{"id":77,"contractId":"CON.F.US.EP.Z26","side":"Ask","type":"Limit","size":1,"limitPrice":5020,"status":"Open"}],'
        + '"risk":[{"rule":"dailyLoss","limit":1000,"used":0,"distance":1000,"state":"ok"}]}',
    );
  });

  it('the human line reads like the issue', () => {
    assert.equal(accountHumanLine(snapshot, (id) => CONTRACTS.get(id)), 'ES Z26 long 2 @ 5000.00  mark 5010.25  uPnL +1,025.00 · net today +1,622.90 · daily loss 0 % used');
  });
});
