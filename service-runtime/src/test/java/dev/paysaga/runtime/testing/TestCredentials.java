package dev.paysaga.runtime.testing;

/**
 * The credentials the services' tests use, TEST-ONLY: their hashes are configured for the {@code test}
 * profile in service-runtime's META-INF/microprofile-config.properties. No deployment knows them.
 */
public final class TestCredentials {
    public static final String MERCHANT_A = "mer_test_a";
    public static final String MERCHANT_B = "mer_test_b";
    /** Secret key of {@link #MERCHANT_A}: every scope. */
    public static final String A_SECRET = "sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU";
    /** Secret key of {@link #MERCHANT_B}. */
    public static final String B_SECRET = "sk_test_5UHVQWcswoXxZ95nLMGJhLX4YkVfbnkd4MrACk";
    /** Restricted key of {@link #MERCHANT_A} holding only {@code orders:read}. */
    public static final String A_ORDERS_READ = "rk_test_XywPULFwIvdVXGl7UwvKDdoWBcHJisUr1S1JoI";
    /** A live-mode secret key of {@link #MERCHANT_A}: refused by the test-mode services under test. */
    public static final String A_LIVE_MODE = "sk_live_2HCWP3K2Le7kPrfEUsaPqYohbgaXFzXO2CDx5z";
    public static final String PLATFORM = "opk_64241d3d80217084d778cdc2266d8c23304958530c7b96760092945b30f288c6";
    /** Named platform operator {@code test_alice}: an adjustment's proposer in tests. */
    public static final String OPERATOR_ALICE = "opk_0d47c9285ce074685d779dc13bf8a5e5a9e9ab3642b44ec1956f743a43f9ae54";
    /** Named platform operator {@code test_bob}: the second person who approves. */
    public static final String OPERATOR_BOB = "opk_6cb9aa505772c8fedef06baa372e7438fa4f2cf0e7d078d2f68e939682779f06";
    public static final String SERVICE = "svc_test_only_7c1f0b9e4d2a4e8fb3a6";

    private TestCredentials() {
    }
}
