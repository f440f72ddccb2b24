package io.atrium.audit;

/**
 * The result of re-computing the admin-action hash chain.
 *
 * @param firstBrokenSeq the first entry whose hash or link to its predecessor does not match; null when intact
 * @param problem        what is wrong there, in words; null when intact
 */
public record ChainVerification(long entriesChecked, Long firstBrokenSeq, String problem) {

    public boolean intact() {
        return firstBrokenSeq == null;
    }
}
