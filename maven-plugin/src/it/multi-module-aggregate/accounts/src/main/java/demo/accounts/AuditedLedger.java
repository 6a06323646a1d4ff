package demo.accounts;

import demo.ledger.Ledger;

/** audit() holds the ledger's monitor while it reads the account's balance: the opposite order of Account.pay(). */
final class AuditedLedger extends Ledger {
    private final Account owner;

    AuditedLedger(Account owner) {
        this.owner = owner;
    }

    synchronized long audit() {
        return total() - owner.balance();
    }
}
