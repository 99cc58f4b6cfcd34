// Refunds: reversing the points an order earned.
//
// Refunded money is valued at the original order's prices (lines) or taken
// as stated (amount). The points to reverse are cumulative and rounded up:
// after refunds totalling R of an order total T that earned P points, the
// order has given back ceil(P * R / T). Rounding up closes the
// buy-earn-refund-keep gap of many small partial refunds; a full refund
// gives back exactly P.
//
// Where the points come from, in order: the order's own pending lots, its
// approved lots; the part that had expired is forgiven (the member never
// used it); the part already spent is clawed back from other points
// (approved first, then pending). What still cannot be found is a
// shortfall: the balance stays at zero and the shortfall is recorded.
#include <algorithm>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {

Status Ledger::apply_refund(int index) {
  const Event& e = events_[index];
  int found = order_index_.find(
      e.order_id, [this](int o) -> std::string_view { return events_[orders_[o].event].order_id; });
  if (found < 0) {
    return Status(Code::kNotFound, "no purchase recorded for order \"" + e.order_id + "\"",
                  "/orderId");
  }
  Order& order = orders_[found];
  const Event& purchase = events_[order.event];
  std::vector<std::int64_t> refunded_qty;  // by line, when refunding lines
  std::int64_t amount = e.amount_minor;
  if (e.lines.empty() == false) {
    refunded_qty = order.refunded_qty;
    refunded_qty.resize(purchase.lines.size(), 0);
    amount = 0;
    for (std::size_t k = 0; k < e.lines.size(); ++k) {
      std::int64_t want = e.lines[k].qty;
      for (std::size_t j = 0; j < purchase.lines.size() && want > 0; ++j) {
        if (purchase.lines[j].sku != e.lines[k].sku) continue;
        std::int64_t take = std::min(want, purchase.lines[j].qty - refunded_qty[j]);
        refunded_qty[j] += take;
        want -= take;
        amount += take * purchase.lines[j].unit_price_minor;  // bounded by the order subtotal
      }
      if (want > 0) {
        return Status(Code::kOutOfRange,
                      "refunds more of \"" + e.lines[k].sku + "\" than the order has left",
                      "/lines/" + std::to_string(k) + "/qty");
      }
    }
  }
  if (amount > order.total - order.refunded) {
    return Status(Code::kOutOfRange,
                  "refund of " + std::to_string(amount) + " exceeds the " +
                      std::to_string(order.total - order.refunded) +
                      " minor units left of the order",
                  e.lines.empty() ? "/amountMinor" : "/lines");
  }
  std::int64_t refunded = order.refunded + amount;
  std::int64_t target = order.earned;
  std::int64_t spend_target = order.subtotal;
  if (order.total > 0) {
    TESSERA_ASSIGN_OR_RETURN(target, divide_rounded(static_cast<Wide>(order.earned) * refunded,
                                                    order.total, Rounding::kCeil));
    TESSERA_ASSIGN_OR_RETURN(
        spend_target, divide_rounded(static_cast<Wide>(order.subtotal) * refunded, order.total,
                                     Rounding::kFloor));
  }
  std::int64_t old_spend = 0;
  if (order.total > 0) {
    TESSERA_ASSIGN_OR_RETURN(
        old_spend, divide_rounded(static_cast<Wide>(order.subtotal) * order.refunded, order.total,
                                  Rounding::kFloor));
  }
  std::int64_t delta = target - order.reversed;
  bool whole = refunded == order.total;
  TESSERA_ASSIGN_OR_RETURN(
      Activity row, next_activity(e.at, -delta, -(spend_target - old_spend), whole ? -1 : 0));

  // Commit. Pending lots of the order first: those points were never usable.
  std::int64_t from_order = 0;
  const int lots_end = order.first_lot + order.lot_count;
  for (int pass = 0; pass < 2; ++pass) {
    for (int l = order.first_lot; l < lots_end; ++l) {
      Lot& lot = lots_[l];
      bool pending = lot.pending_until > e.at;
      if (pending != (pass == 0) || lot.remaining == 0) continue;
      std::int64_t take = std::min(delta - from_order, lot.remaining);
      lot.remaining -= take;
      lot.reversed += take;
      from_order += take;
    }
  }
  std::int64_t rest = delta - from_order;
  std::int64_t expired = 0;
  for (int l = order.first_lot; l < lots_end; ++l) expired += lots_[l].expired;
  std::int64_t forgiven = std::min(rest, std::max<std::int64_t>(expired - order.forgiven, 0));
  rest -= forgiven;
  std::int64_t clawed = rest > 0 ? spend(rest, e.at, true, &Lot::reversed) : 0;
  spend_cursor_ = next_live(spend_cursor_);
  std::int64_t shortfall = rest - clawed;

  totals_.refunded += from_order + clawed;
  totals_.shortfall += shortfall;
  order.refunded = refunded;
  order.reversed = target;
  order.forgiven += forgiven;
  if (!e.lines.empty()) order.refunded_qty = std::move(refunded_qty);
  activity_.push_back(row);
  Entry entry;
  entry.kind = EntryKind::kRefund;
  entry.at = e.at;
  entry.points = -(from_order + clawed);
  entry.event = index;
  entry.shortfall = shortfall;
  entry.forgiven = forgiven;
  entries_.push_back(entry);
  return Status::Ok();
}

}  // namespace tessera::loyalty
