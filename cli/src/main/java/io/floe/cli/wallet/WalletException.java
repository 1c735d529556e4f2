package io.floe.cli.wallet;

/** The wallet file cannot be used: missing folder rights, modes too wide, not a Floe wallet. One line, ready to print. */
public final class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message);
    }
}
