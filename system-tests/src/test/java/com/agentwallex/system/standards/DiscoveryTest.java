package com.agentwallex.system.standards;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentwallex.system.support.Issued;
import com.agentwallex.system.support.Stack;
import com.agentwallex.system.support.Users;
import com.agentwallex.system.support.Users.Session;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client that knows only our issuer URL (the public entry point): Nimbus's RFC 8414 resolver finds
 * the metadata, every endpoint it names answers, its token endpoint makes an agent token, and a
 * verifier configured from it alone accepts our tokens and refuses a tampered one.
 */
@QuarkusTest
@WithTestResource(value = Stack.class, scope = TestResourceScope.GLOBAL)
class DiscoveryTest {

    @Test
    void aStandardClientResolvesOurMetadataFromTheIssuerAloneAndItClaimsOnlyWhatExists() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(Stack.issuer()));

        assertThat(metadata.getIssuer().getValue()).isEqualTo(Stack.issuer()).isEqualTo(Stack.entry());
        assertThat(metadata.getAuthorizationEndpointURI()).isNull();
        assertThat(metadata.getGrantTypes()).containsExactly(GrantType.TOKEN_EXCHANGE);
        assertThat(metadata.getResponseTypes()).isEmpty();
        for (String endpoint : List.of(metadata.getJWKSetURI().toString(), metadata.getTokenEndpointURI().toString())) {
            assertThat(endpoint).startsWith(Stack.entry());
        }
        given().get(metadata.getJWKSetURI().toString()).then().statusCode(200);
        given().get(Stack.entry() + "/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", org.hamcrest.Matchers.equalTo(Stack.issuer()));
    }

    @Test
    void aVerifierConfiguredOnlyWithOurIssuerAcceptsOurTokensAndRefusesATamperedOne() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(Stack.issuer()));
        Session user = Users.signIn();
        String key = Users.createKey(user, "production", "audit:read").path("key");
        TokenResponse exchanged = TokenResponse.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(),
                new TokenExchangeGrant(new TypelessAccessToken(key),
                        TokenTypeURI.parse("urn:agentwallex:params:oauth:token-type:api-key"))).build()
                .toHTTPRequest().send());
        assertThat(exchanged.indicatesSuccess()).isTrue();
        String agentToken = Issued.secret(exchanged.toSuccessResponse().getTokens().getAccessToken().getValue());

        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));  // RFC 9068
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(metadata.getIssuer().getValue()).build(), Set.of("exp", "iat", "sub")));

        assertThat(verifier.process(user.accessToken(), null).getSubject()).isEqualTo(user.userId());
        assertThat(verifier.process(agentToken, null).getStringClaim("org_id")).isEqualTo(user.orgId());
        String[] parts = agentToken.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> verifier.process(tampered, null)).isInstanceOf(BadJOSEException.class);
    }
}
