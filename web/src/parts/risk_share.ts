// The risk-share settlement in words, as the Finance page and the overview both say it: on what
// spend it rests (the year's actual, or the forecast before the year is out), who pays whom in
// the end, and what the ICO gains or loses after risk sharing.
//
//   p.append(`Settlement ${settlementBasis(answer)}: ${netPayment(answer.settlement)}.`);

import type { SettlementAnswer } from '../api';
import { date, month, pounds } from '../format';

type Settlement = SettlementAnswer['settlement'];

// "Between Nelson Vale Integrated Care Organisation (ZICO1) and Meridian Health Partners Ltd
// (ZRP), 1 April 2024 to 31 March 2025"; the ICO by its code alone when its name is not known.
export function settlementParties(s: Settlement, icoName?: string): string {
  const counterparty = s.counterparty.name ? `${s.counterparty.name} (${s.counterparty.organisation})` : s.counterparty.organisation;
  const ico = icoName ? `${icoName} (${s.ico})` : s.ico;
  return `Between ${ico} and ${counterparty}, ${date(s.start)} to ${date(s.end)}`;
}

// "on the year’s actual spend", or "on the forecast from the monitor at the end of June 2024".
export function settlementBasis(answer: SettlementAnswer): string {
  return answer.outturn_basis === 'forecast'
    ? `on the forecast from the monitor at the end of ${month(answer.forecast_month ?? '')}`
    : 'on the year’s actual spend';
}

// "ZRP pays ZICO1 £387,591.17", or "no payment".
export function netPayment(s: Settlement): string {
  const net = s.net_payment;
  return net.amount_pence === 0 || !net.payer ? 'no payment' : `${net.payer} pays ${net.payee} ${pounds(net.amount_pence, true)}`;
}

// The ICO's gain or loss after risk sharing, in words and in pounds.
export function icoResult(s: Settlement): { words: 'net gain' | 'net loss'; amount: string } {
  return { words: s.ico_result_pence < 0 ? 'net loss' : 'net gain', amount: pounds(Math.abs(s.ico_result_pence), true) };
}
